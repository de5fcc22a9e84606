"""An upload read only up to its limit: past it, the rest of the body is read and dropped
instead of written to a temporary file, and the request is marked for the form to say so."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

TOO_LARGE = "upload_too_large"  # set on the request when a file passed the limit


class SizeLimit(FileUploadHandler):
    """First among the request's upload handlers: stops the upload once a file's bytes pass
    `limit`. The fields before the file (the CSRF token) are read as usual."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            setattr(self.request, TOO_LARGE, True)
            raise StopUpload(connection_reset=False)  # the rest is read and dropped
        return raw_data  # on to the next handler, which keeps it

    def file_complete(self, file_size):
        return None  # the next handler makes the file
