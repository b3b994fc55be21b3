"""Choosing a service: categories with pagination, fuzzy search, the service card."""

from dialogs.catalogue.flow import CatalogueFlow

__all__ = ["CatalogueFlow"]
