"""The main window's pages: needs assessment, catalogue, summary, training plan."""
