"""Names shared by every stage: node kinds, edge kinds, attribute keys, sections,
claim directions and RDF namespaces. Use these, never the bare strings."""
from __future__ import annotations

# --- node kinds (networkx node attribute ATTR_KIND) -------------------------
KIND_PAPER = "paper"  # a work read as the main record of an input
KIND_CITED_WORK = "cited_work"  # a work known only as a reference, citer or similar article
WORK_KINDS = (KIND_PAPER, KIND_CITED_WORK)

# concept roles double as concept node kinds
ROLE_MECHANISM = "mechanism"
ROLE_TREATMENT = "treatment"
ROLE_SYMPTOM = "symptom"
ROLE_DISEASE = "disease"
ROLE_BIOMARKER = "biomarker"
ROLE_RISK_FACTOR = "risk_factor"
CONCEPT_ROLES = (
    ROLE_MECHANISM,
    ROLE_TREATMENT,
    ROLE_SYMPTOM,
    ROLE_DISEASE,
    ROLE_BIOMARKER,
    ROLE_RISK_FACTOR,
)
KIND_MESH_TERM = "mesh_term"  # a MeSH heading a paper is indexed with

# --- edge kinds (networkx edge attribute ATTR_KIND, also the edge key) -----
EDGE_CITES = "cites"  # citing work -> cited work
EDGE_SIMILAR = "similar_to"  # page's paper -> similar article
EDGE_MENTIONS = "mentions"  # work -> concept
EDGE_MESH = "has_mesh_heading"  # work -> MeSH descriptor
EDGE_CLAIM = "claim"  # concept -> concept, one per (subject, direction, object, negated)
EDGE_KINDS = (EDGE_CITES, EDGE_SIMILAR, EDGE_MENTIONS, EDGE_MESH, EDGE_CLAIM)

# --- node attribute keys -----------------------------------------------------
ATTR_KIND = "kind"
ATTR_LABEL = "label"
ATTR_WORK = "work"  # kg.records.Work: the merged record of a work node
ATTR_SOURCES = "sources"  # tuple of input paths the node was seen in
ATTR_CONCEPT = "concept"  # kg.records.Concept of a concept node
ATTR_CLAIM = "claim"  # kg.records.Claim on a claim edge
ATTR_MESH = "mesh"  # kg.records.MeshHeading of a MeSH term node

# --- text sections (TextSection.section) -------------------------------------
SECTION_TITLE = "title"
SECTION_ABSTRACT = "abstract"
SECTION_BACKGROUND = "background"
SECTION_METHODS = "methods"
SECTION_RESULTS = "results"
SECTION_CONCLUSION = "conclusion"
SECTION_TLDR = "tldr"
SECTION_CONTRIBUTION = "contribution"
SECTION_KEY_FINDING = "key_finding"
SECTION_BODY = "body"
SECTIONS = (
    SECTION_TITLE,
    SECTION_ABSTRACT,
    SECTION_BACKGROUND,
    SECTION_METHODS,
    SECTION_RESULTS,
    SECTION_CONCLUSION,
    SECTION_TLDR,
    SECTION_CONTRIBUTION,
    SECTION_KEY_FINDING,
    SECTION_BODY,
)

# --- claim directions ----------------------------------------------------------
DIRECTION_INCREASES = "increases"
DIRECTION_DECREASES = "decreases"
DIRECTION_TREATS = "treats"
DIRECTION_ASSOCIATED = "associated"
DIRECTIONS = (DIRECTION_INCREASES, DIRECTION_DECREASES, DIRECTION_TREATS, DIRECTION_ASSOCIATED)

# --- RDF namespaces --------------------------------------------------------------
NS_KG = "https://w3id.org/kg/vocab#"  # kg's own terms (documented in the README)
NS_KG_RESOURCE = "https://w3id.org/kg/resource/"  # IRIs kg mints (works without ids, claims, evidence)
NS_PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"
NS_DOI = "https://doi.org/"
NS_MESH = "http://id.nlm.nih.gov/mesh/"
NS_OBO = "http://purl.obolibrary.org/obo/"
NS_BIOLINK = "https://w3id.org/biolink/vocab/"
NS_FABIO = "http://purl.org/spar/fabio/"
NS_CITO = "http://purl.org/spar/cito/"
NS_DCTERMS = "http://purl.org/dc/terms/"
NS_PRISM = "http://prismstandard.org/namespaces/basic/2.0/"
NS_PROV = "http://www.w3.org/ns/prov#"
NS_SCHEMA = "http://schema.org/"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
NS_XSD = "http://www.w3.org/2001/XMLSchema#"
NS_SKOS = "http://www.w3.org/2004/02/skos/core#"

PREFIXES: dict[str, str] = {
    "kg": NS_KG,
    "kgr": NS_KG_RESOURCE,
    "work": NS_KG_RESOURCE + "work/",
    "text": NS_KG_RESOURCE + "text/",
    "claim": NS_KG_RESOURCE + "claim/",
    "evidence": NS_KG_RESOURCE + "evidence/",
    "concept": NS_KG_RESOURCE + "concept/",
    "pubmed": NS_PUBMED,
    "mesh": NS_MESH,
    "obo": NS_OBO,
    "biolink": NS_BIOLINK,
    "fabio": NS_FABIO,
    "cito": NS_CITO,
    "dcterms": NS_DCTERMS,
    "prism": NS_PRISM,
    "prov": NS_PROV,
    "schema": NS_SCHEMA,
    "rdf": NS_RDF,
    "rdfs": NS_RDFS,
    "xsd": NS_XSD,
    "skos": NS_SKOS,
}

# --- output file names -------------------------------------------------------------
OUT_TURTLE = "graph.ttl"
OUT_NTRIPLES = "graph.nt"
OUT_JSONLD = "graph.jsonld"
OUT_HTML = "graph.html"
OUT_CLAIMS = "claims.tsv"
