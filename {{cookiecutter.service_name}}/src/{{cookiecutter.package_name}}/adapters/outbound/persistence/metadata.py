from sqlalchemy import MetaData
from sqlalchemy.orm import registry

# Named constraints make Alembic migrations reproducible on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# Domain classes are mapped imperatively onto tables here, so the domain stays plain Python.
mapper_registry = registry(metadata=metadata)
