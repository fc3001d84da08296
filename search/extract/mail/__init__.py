"""Mail archives: mbox, pipermail and Hypermail, one item a message; quoted replies and list chrome."""
