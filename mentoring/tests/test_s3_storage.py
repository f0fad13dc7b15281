"""Files in an S3-compatible store (S3_BUCKET and the other S3_* variables): a real S3 API on
loopback (moto in server mode), the same flows as on disk, the same access checks."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from storages.backends.s3 import S3Storage

from people.importer import STAFF_COLUMNS
from people.models import Consent
from people.tests.test_import import STAFF_ROWS, xlsx
from reports.orders.models import Order
from reports.orders.tests.factories import launch_order, signed
from reports.publication.models import Material
from reports.publication.tests import factories as f

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _object(s3, name: str) -> bytes:
    return s3["client"].get_object(Bucket=s3["bucket"], Key=name)["Body"].read()


def _keys(s3) -> list[str]:
    listing = s3["client"].list_objects_v2(Bucket=s3["bucket"])
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_the_default_storage_is_the_bucket_on_loopback(s3_storage):
    assert isinstance(default_storage, S3Storage)
    assert urlsplit(default_storage.endpoint_url).hostname == "127.0.0.1"
    name = default_storage.save("probe/a.txt", ContentFile(b"one"))
    # A second file of the same name never replaces the first, as on disk.
    second = default_storage.save("probe/a.txt", ContentFile(b"two"))
    assert name != second
    assert (_object(s3_storage, name), _object(s3_storage, second)) == (b"one", b"two")


def test_consent_scan_is_uploaded_to_the_bucket_and_served_only_to_its_readers(s3_storage, world, login):
    curator = login(world.users["curator"])
    response = curator.post(
        reverse("people:consent_create", args=[world.staff.uuid]),
        {
            "kind": "processing",
            "signer": "self",
            "signed_on": "2024-09-02",
            "purposes": "наставничество",
            "data_list": "ФИО",
            "actions": "хранение",
            "scan": SimpleUploadedFile("scan.pdf", PNG),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(person=world.staff)
    assert consent.scan.name in _keys(s3_storage)
    assert _object(s3_storage, consent.scan.name) == PNG
    download = curator.get(reverse("people:consent_scan", args=[consent.uuid]))
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content) == PNG
    other = login(world.other_curator)
    assert other.get(reverse("people:consent_scan", args=[consent.uuid])).status_code == 404


def test_signed_order_pdf_is_stored_in_the_bucket_with_a_valid_checksum(s3_storage, world, login):
    order = signed(launch_order(world.org))
    assert order.pdf.name in _keys(s3_storage)
    stored = _object(s3_storage, order.pdf.name)
    assert Order.checksum(stored) == order.pdf_sha256
    download = login(world.users["director"]).get(reverse("orders:order_pdf", args=[order.uuid]))
    assert download.status_code == 200
    assert download.content == stored
    assert login(world.other_curator).get(reverse("orders:order_pdf", args=[order.uuid])).status_code == 404


def test_a_signed_order_changed_in_the_bucket_is_refused(s3_storage, world, login):
    order = signed(launch_order(world.org))
    s3_storage["client"].put_object(Bucket=s3_storage["bucket"], Key=order.pdf.name, Body=b"%PDF-1.7 forged")
    from reports.orders import documents

    with pytest.raises(documents.FrozenDocumentDamaged):
        documents.order_pdf(Order.objects.get(pk=order.pk))


def test_library_file_is_uploaded_and_downloaded_through_the_bucket(s3_storage, world, login, client):
    login(world.users["curator"])
    form = client.get(reverse("library:create")).context["form"]
    response = client.post(
        reverse("library:create"),
        {
            "title": "Памятка",
            "category": "training",
            "topic": "первая встреча",
            "academic_year": form.fields["academic_year"].initial,
            "author": form.fields["author"].initial,
            "file": f.pdf_upload(),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert _object(s3_storage, material.file.name) == f.PDF_BYTES
    download = client.get(reverse("library:file", args=[material.uuid]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == f.PDF_BYTES
    login(world.other_curator)
    assert client.get(reverse("library:file", args=[material.uuid])).status_code == 404


def test_with_redirect_downloads_the_reader_gets_a_short_signed_link(s3_storage, world, login, settings):
    settings.FILE_DOWNLOADS = "redirect"
    material = f.material(world.org, with_file=True)
    response = login(world.users["mentor"]).get(reverse("library:file", args=[material.uuid]))
    assert response.status_code == 302
    link = urlsplit(response.url)
    assert f"{link.scheme}://{link.netloc}" == s3_storage["endpoint"]
    assert "X-Amz-Signature=" in link.query and f"X-Amz-Expires={settings.FILE_URL_EXPIRE}" in link.query
    with urllib.request.urlopen(response.url) as fetched:  # noqa: S310 — the loopback S3 server
        assert fetched.read() == f.PDF_BYTES
        assert fetched.headers["Content-Disposition"].startswith("attachment")
    # Without the signature the store refuses: the bucket is private.
    bare = f"{link.scheme}://{link.netloc}{link.path}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bare)  # noqa: S310
    assert refused.value.code == 403
    # The access check still comes first: another school gets 404, not a link.
    assert login(world.other_curator).get(reverse("library:file", args=[material.uuid])).status_code == 404


def test_import_preview_is_kept_in_the_bucket_and_purged_from_it(s3_storage, world, login):
    curator = login(world.users["curator"])
    upload = SimpleUploadedFile("people.xlsx", xlsx(STAFF_COLUMNS, STAFF_ROWS))
    response = curator.post(reverse("people:import_upload"), {"kind": "staff", "file": upload})
    token = response.context["token"]
    assert any(key.startswith(f"imports/{token}") for key in _keys(s3_storage))
    curator.post(reverse("people:import_confirm"), {"token": token})
    assert not any(key.startswith("imports/") for key in _keys(s3_storage))

    default_storage.save("imports/abandoned.json", ContentFile(b"{}"))
    call_command("purge_import_previews", "--hours", "0")
    assert not any(key.startswith("imports/") for key in _keys(s3_storage))


def test_without_the_fixture_the_files_stay_on_the_local_disk(settings):
    from django.core.files.storage import FileSystemStorage, storages

    assert isinstance(storages["default"], FileSystemStorage)
    name = default_storage.save("probe/local.txt", ContentFile(b"disk"))
    assert (settings.MEDIA_ROOT / name).read_bytes() == b"disk"
