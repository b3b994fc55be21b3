"""Domain services: users, applications, documents, storage, status, operators. No Telegram here."""
