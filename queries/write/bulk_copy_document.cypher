// description: Bulk first load (embedded store only): append every Document row from Document.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY Document FROM 'Document.csv' (HEADER=false)
