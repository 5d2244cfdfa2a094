"""Use-cases shared by the CLI and the web app: collect, compute, render, save."""
