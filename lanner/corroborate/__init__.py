"""Cross-document work over stored analyses: the same event told by several outlets, merged.

Documents in, `Cluster` records out. `match` says whether two event records may be one happening
(type family, place across precision, dates, mirrored roles), `linkage` groups them with a
complete-link guard, `syndication` and `sources` count independent sources, `explain` says why a
pair was merged or kept apart, and `incidents` turns a cluster into the incident an analyst reads.
"""

from lanner.corroborate.clusters import Cluster, cluster_events, cluster_records, records_from, render

__all__ = ["Cluster", "cluster_events", "cluster_records", "records_from", "render"]
