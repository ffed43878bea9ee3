# The checkout story with the binary run once per request from CGI variables, no server in front
# (the form `make check-valgrind` uses): logins and sessions, carts and checkout, orders.
30-auth
40-carts
40-orders
