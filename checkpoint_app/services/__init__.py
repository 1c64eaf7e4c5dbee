"""Services: own the transactions, apply the rules, enforce permissions. No Qt here."""
