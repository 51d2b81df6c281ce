"""The plan of a case in the window: its tab on the Cases page and the durations dialog."""
