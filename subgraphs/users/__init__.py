"""The users subgraph: accounts, sign-in, profiles, roles and sellers' manner score."""
