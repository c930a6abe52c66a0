"""The integration lab: real peers (Kamailio, SIPp) started on loopback by the tests."""
