// description: Upsert one Document node (scalar parameters: year may be null)
// params: id:str, title:str, issuer:str=null, doc_number:str=null, level:str=unknown, region:str=null, published:str=null, year:int=null, source:str=null, format:str=null, implements_doc_numbers:list, implements_titles:list, warnings:str=null
MERGE (d:Document {id: $id})
SET d.title = $title, d.issuer = $issuer, d.doc_number = $doc_number, d.level = $level,
    d.region = $region, d.published = $published, d.year = $year, d.source = $source,
    d.format = $format, d.implements_doc_numbers = $implements_doc_numbers,
    d.implements_titles = $implements_titles, d.warnings = $warnings
