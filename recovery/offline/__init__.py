"""Installable and offline-first: the web app manifest, the service worker, and the logs kept
on the device while offline and sent when the connection returns."""
