"""Reminders: when each falls due (schedule), finding and sending them (due, delivery), the
channels (email, web push, the app), and the settings page."""
