"""The printing engine: templates with merge fields, page and label formats, PDF batches.

Importing this package is cheap: reportlab loads only when something is rendered.
"""
