# The checkout story through Apache running the binary as plain CGI from a shared-hosting
# account's web directory (conf/apache/htaccess; suexec as root): logins and sessions, carts and
# checkout (with the concurrent completes), orders.
30-auth
40-carts
40-orders
