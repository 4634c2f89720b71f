"""Streamlit app package: the only place (with streamlit_app.py) that imports streamlit."""
