-- A delivery this node took over from a node that left the cluster: that node's id, else NULL.
ALTER TABLE delivery ADD COLUMN handed_over_from TEXT;
