"""Campaign pages, their form, downloads and the JSON API."""
