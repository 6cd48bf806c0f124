# Agent settings for the dev-mode Consul of docker-compose.yml (the image loads every file in /consul/config).
# `-dev` already makes it a single self-elected server with the UI on :8500; the node would otherwise be named
# after the container's random hostname.
node_name = "gamja-consul"
