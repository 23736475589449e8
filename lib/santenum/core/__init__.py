"""What every stage shares: errors, reference tables, INSEE layouts, text keys, files, French
formatting, templates, privacy rules and the company table. Imports nothing from the stages."""
