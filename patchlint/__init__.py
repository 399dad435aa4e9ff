"""patchlint: review C patches the way libvirt's maintainers do, before they are sent."""

__version__ = "0.1.0"
