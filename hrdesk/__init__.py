"""hrdesk core: domain, rules, store, packets and reports. No Qt import anywhere below here."""

__version__ = "0.1.0"
