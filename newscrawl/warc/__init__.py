"""WARC capture of the responses a crawl receives: the writer (rotation, temp name and
rename, warcinfo, CDXJ index), the records, the capture middleware and extension,
recovery of a killed crawl's temporary WARC, and reading WARC files back."""
