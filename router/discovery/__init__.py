"""Live discovery: registry watch → fetch SDLs → compose → atomic swap of the served supergraph."""
