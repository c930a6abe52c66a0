"""The HTTP and WebSocket surface of the central service (`/api/v1`)."""
