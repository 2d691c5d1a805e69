// description: Bulk first load (embedded store only): append every Target row from Target.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY Target FROM 'Target.csv' (HEADER=false)
