"""The parts of the Calendar page: the month view, the list of appointments and deadlines,
and the forms beside them."""
