"""Visits and purchases: logged at the counter, from the command line, or brought in from
the till. The rows live in the customers area's `interactions` table (the customer record's
history, merging and the statistics read it there); this area writes them and keeps each
customer's visits, lifetime value, last visit and stage in step."""
