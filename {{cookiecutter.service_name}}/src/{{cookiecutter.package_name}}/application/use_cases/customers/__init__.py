"""The customer side of the credit saga: register and read customers, reserve and release
credit for orders."""
