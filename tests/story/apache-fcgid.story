# The checkout story through Apache and mod_fcgid (conf/apache/medusa-fcgi.conf): logins and
# sessions, carts and checkout (with the concurrent completes), orders.
30-auth
40-carts
40-orders
