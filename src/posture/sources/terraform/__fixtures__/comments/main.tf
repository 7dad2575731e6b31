# Buckets for the suppression-comment fixture: each block shows one way a comment does (or does not) suppress.

# steward:suppress s3-bucket-versioning Access logs are write-once; versioning only adds cost
resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "acme-logs-${count.index}"
}

resource "aws_s3_bucket" "raw" {
  bucket = "acme-raw"
  #checkov:skip=CKV_AWS_21:"Scratch data, rebuilt nightly"
  // steward:suppress s3-bucket-kms-encryption
}

# steward:suppress * Belongs to no block: a blank line separates it from the next one

resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
  tags = {
    note = "# steward:suppress * not a comment: inside a string"
  }
}

resource "aws_s3_bucket" "archive" {
  bucket = "acme-archive"
}

resource "aws_s3_bucket_versioning" "archive" {
  bucket = aws_s3_bucket.archive.id
  versioning_configuration {
    status = "Enabled"
  }
  # steward:suppress s3-bucket-kms-encryption Archive objects are encrypted client-side before upload
}

module "store" {
  source = "./modules/store"
}
