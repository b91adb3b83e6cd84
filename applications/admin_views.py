"""Admin views the viewsets cannot express: downloading an attachment."""

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from applications.models import Attachment


@permission_required("applications.view_attachment", raise_exception=True)
def attachment_download(request, pk):
    """The file as a download under its sanitised name and proven type; never rendered by the browser."""
    attachment = get_object_or_404(Attachment, pk=pk)
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        stored, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
