"""The Qt window: widgets, table models and dialogs. No SQL and no rules here: widgets call services."""
