resource "aws_s3_bucket" "deep" {
  bucket = "acme-deep"
  tags = {
    readme = <<-EOT
      # steward:suppress s3-bucket-versioning not a comment: inside a heredoc
    EOT
  }
  #checkov:skip=CKV_AWS_19: Holds public test vectors only
}
