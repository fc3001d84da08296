"""Operations: load runs and other scripts for whoever runs the service."""
