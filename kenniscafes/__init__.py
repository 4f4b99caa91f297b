"""Kenniscafés: public knowledge events, registrations, waiting list, mail and evaluation."""
