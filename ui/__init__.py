"""The Qt user interface. Holds no SQL and no business rules: it calls hrdesk/."""
