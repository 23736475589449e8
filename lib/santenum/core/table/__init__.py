"""The company table shared by every stage: its columns, list columns, ages, and the Parquet store."""
