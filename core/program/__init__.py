"""The appreciation program: rules that find the moments worth a gesture, and the actions
(Today's list) that record each one once."""
