"""Topic names shared by producers and consumers."""

ITEMS_EVENTS = "items.events"
CHAT_EVENTS = "chat.events"
USERS_EVENTS = "users.events"
