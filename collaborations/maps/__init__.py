"""Saved maps ("Mijn kaarten"): a user's named atlas states, private or shared by a link."""
