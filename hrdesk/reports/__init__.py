"""Printed and exported documents. Builders take plain data (see printouts.py) and never query
the database. PDFs: plan_pdf, card_pdf, summary_pdf on top of pdf_base (fonts, page templates,
approval block, tables, cancel) and charts."""
