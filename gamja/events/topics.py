"""Topic names shared by producers and consumers."""

ITEMS_EVENTS = "items.events"
