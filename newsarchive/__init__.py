"""newsarchive: scraped news pages in, a searchable static Pelican archive out."""

__version__ = "0.1.0"
