"""Reports: what an office downloads or prints -- work ledgers (.xlsx/.csv), deadline
calendars (.ics) and the data-quality report.  Each is a second caller of the read
layer (``queries``), never of a route, so a ledger and a page cannot disagree.
"""
