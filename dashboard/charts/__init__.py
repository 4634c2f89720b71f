"""Plotly figure builders: pure functions from DataFrames to figures, no Streamlit."""
