"""The testimonials area: the Testimonials page, a customer's Testimonials tab, capture and release."""
