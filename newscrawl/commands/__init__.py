"""Project commands: ``scrapy extract`` (and, later, ``scrapy archive``)."""
