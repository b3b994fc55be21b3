"""View helpers shared by every flow: main menu, navigation buttons, ids, language choice."""
