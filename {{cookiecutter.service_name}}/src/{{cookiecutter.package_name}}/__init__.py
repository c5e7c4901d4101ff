"""The {{ cookiecutter.service_name }} service."""
